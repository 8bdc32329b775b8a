using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using PayPortal.Infrastructure.Adapters.Stripe;
using PayPortal.Infrastructure.Adapters.Stripe.Sandbox;
using PayPortal.Infrastructure.Tests;
using Stripe;
using Stripe.Checkout;

namespace PayPortal.Web.Tests;

/// <summary>The app on a real loopback port, so the sandbox is reached over real HTTP and posts its webhooks back over HTTP too.</summary>
public sealed class KestrelPayPortalFactory : PayPortalFactory
{
    public int Port { get; } = FreePort();
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    protected override bool DeliversWebhooksInProcess => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("PayPortal:PublicUrl", BaseUrl);
    }

    private readonly Lock _gate = new();
    private bool _started;

    public void Start()
    {
        lock (_gate)
        {
            if (_started) return;
            UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
            StartServer();
            _started = true;
        }
    }
}

/// <summary>
/// The built-in sandbox driven by the official Stripe.net over HTTP at <c>/stripe-sandbox/v1</c>, as any
/// tool would: every kind of object it returns has the keys and JSON types of Stripe's own published
/// fixtures, and it answers lists, expand, idempotency keys, declines and errors as Stripe does.
/// </summary>
public sealed class StripeSandboxTests : IClassFixture<KestrelPayPortalFactory>
{
    private readonly KestrelPayPortalFactory _factory;
    private readonly StripeClient _stripe;

    public StripeSandboxTests(KestrelPayPortalFactory factory)
    {
        _factory = factory;
        factory.Start();
        var sandboxBase = factory.BaseUrl + StripeSandbox.Path;
        _stripe = new StripeClient(PayPortalFactory.SandboxApiKey, httpClient: new SystemNetHttpClient(new HttpClient(), maxNetworkRetries: 0),
            apiBase: sandboxBase, filesBase: sandboxBase, connectBase: sandboxBase);
    }

    private StripeSandbox Sandbox => _factory.Services.GetRequiredService<StripeSandbox>();

    private async Task<Session> PaidCheckoutAsync(long amount = 12_34)
    {
        var session = await new SessionService(_stripe).CreateAsync(new SessionCreateOptions
        {
            Mode = "payment", SuccessUrl = _factory.BaseUrl + "/done", CancelUrl = _factory.BaseUrl + "/cancel",
            AllowedPaymentMethodTypes = ["card", "us_bank_account"],
            LineItems = [new SessionLineItemOptions { Quantity = 2, PriceData = new SessionLineItemPriceDataOptions { Currency = "usd", UnitAmount = amount / 2, ProductData = new() { Name = "Invoice T-1" } } }],
        });
        var (outcome, _) = await Sandbox.PayWithCardAsync(session.Id, "4242 4242 4242 4242");
        Assert.Equal(SandboxOutcome.Paid, outcome);
        return await new SessionService(_stripe).GetAsync(session.Id, new SessionGetOptions { Expand = ["payment_intent"] });
    }

    [CorpusFact]
    public async Task Every_object_kind_has_the_keys_and_types_of_stripes_fixtures()
    {
        var session = await PaidCheckoutAsync();
        var intent = session.PaymentIntent;
        Assert.Equal(("complete", "paid", "succeeded", 12_34L), (session.Status, session.PaymentStatus, intent.Status, intent.AmountReceived));
        var charge = await new ChargeService(_stripe).GetAsync(intent.LatestChargeId);
        var lineItems = await new SessionLineItemService(_stripe).ListAsync(session.Id);
        var refund = await new RefundService(_stripe).CreateAsync(new RefundCreateOptions { PaymentIntent = intent.Id, Amount = 2_00 });
        var dispute = await new DisputeService(_stripe).GetAsync((string)(await Sandbox.DisputeAsync(intent.Id))["id"]!);
        var payout = await new PayoutService(_stripe).GetAsync((string)(await Sandbox.PayOutAsync("usd"))["id"]!);
        var transactions = await new BalanceTransactionService(_stripe).ListAsync(new BalanceTransactionListOptions { Payout = payout.Id });
        var customer = await new CustomerService(_stripe).CreateAsync(new CustomerCreateOptions { Email = "ap@example.test", Name = "Acme AP" });
        var method = await new PaymentMethodService(_stripe).AttachAsync("pm_card_visa", new PaymentMethodAttachOptions { Customer = customer.Id });
        var setup = await new SetupIntentService(_stripe).CreateAsync(new SetupIntentCreateOptions { Customer = customer.Id, PaymentMethod = "pm_card_visa", Confirm = true });
        var stripeEvent = (await new EventService(_stripe).ListAsync(new EventListOptions { Limit = 1 })).Data.Single();

        var fixtures = JsonDocument.Parse(SharedTestData.Text("stripe", "openapi-fixtures", "fixtures3.json")).RootElement.GetProperty("resources");
        AssertShape(fixtures.GetProperty("checkout.session"), (await new SessionService(_stripe).GetAsync(session.Id)).RawJsonElement.ToString(), "checkout.session");
        AssertShape(fixtures.GetProperty("payment_intent"), (await new PaymentIntentService(_stripe).GetAsync(intent.Id)).RawJsonElement.ToString(), "payment_intent");
        AssertShape(fixtures.GetProperty("charge"), charge.RawJsonElement.ToString(), "charge");
        AssertShape(fixtures.GetProperty("item"), Assert.Single(lineItems.Data).RawJsonElement.ToString(), "item");
        AssertShape(fixtures.GetProperty("refund"), refund.RawJsonElement.ToString(), "refund");
        AssertShape(fixtures.GetProperty("dispute"), dispute.RawJsonElement.ToString(), "dispute");
        AssertShape(fixtures.GetProperty("payout"), payout.RawJsonElement.ToString(), "payout");
        AssertShape(fixtures.GetProperty("balance_transaction"), transactions.Data.First().RawJsonElement.ToString(), "balance_transaction");
        AssertShape(fixtures.GetProperty("customer"), customer.RawJsonElement.ToString(), "customer");
        AssertShape(fixtures.GetProperty("payment_method"), method.RawJsonElement.ToString(), "payment_method");
        AssertShape(fixtures.GetProperty("setup_intent"), setup.RawJsonElement.ToString(), "setup_intent");
        AssertShape(fixtures.GetProperty("event"), stripeEvent.RawJsonElement.ToString(), "event");

        Assert.Equal((2, 6_17L), (lineItems.Data[0].Quantity, lineItems.Data[0].Price.UnitAmount));
        Assert.Equal(2_00, refund.Amount);
        Assert.Equal(customer.Id, method.CustomerId);
        Assert.Equal("succeeded", setup.Status);
        Assert.Equal(StripeConfiguration.ApiVersion, stripeEvent.ApiVersion);
    }

    /// <summary>The same top-level keys as Stripe's fixture, and where both sides have a value, the same JSON type (recursively for objects).</summary>
    private static void AssertShape(JsonElement expected, string? actualJson, string path)
    {
        Assert.False(string.IsNullOrEmpty(actualJson), $"{path}: Stripe.net kept no raw JSON");
        using var actual = JsonDocument.Parse(actualJson);
        var expectedKeys = expected.EnumerateObject().Select(p => p.Name).Order().ToList();
        var actualKeys = actual.RootElement.EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.True(expectedKeys.SequenceEqual(actualKeys),
            $"{path}: missing [{string.Join(", ", expectedKeys.Except(actualKeys))}], extra [{string.Join(", ", actualKeys.Except(expectedKeys))}]");
        CompareTypes(expected, actual.RootElement, path);
    }

    private static void CompareTypes(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind == JsonValueKind.Null || actual.ValueKind == JsonValueKind.Null) return;
        Assert.True(Kind(expected) == Kind(actual), $"{path}: Stripe sends {expected.ValueKind}, the sandbox {actual.ValueKind}");
        if (expected.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in expected.EnumerateObject())
            {
                if (actual.TryGetProperty(property.Name, out var value)) CompareTypes(property.Value, value, $"{path}.{property.Name}");
            }
        }
        else if (expected.ValueKind == JsonValueKind.Array && expected.GetArrayLength() > 0 && actual.GetArrayLength() > 0)
        {
            CompareTypes(expected[0], actual[0], path + "[0]");
        }
    }

    private static string Kind(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False ? "bool" : e.ValueKind.ToString();

    [Fact]
    public async Task Errors_come_back_as_stripe_exceptions_with_type_code_param_and_status()
    {
        var missing = await Assert.ThrowsAsync<StripeException>(() => new SessionService(_stripe).GetAsync("cs_test_nobody"));
        Assert.Equal((HttpStatusCode.NotFound, "invalid_request_error", "resource_missing", "id"),
            (missing.HttpStatusCode, missing.StripeError.Type, missing.StripeError.Code, missing.StripeError.Param));
        Assert.StartsWith("req_", missing.StripeResponse.RequestId);

        var noItems = await Assert.ThrowsAsync<StripeException>(() => new SessionService(_stripe).CreateAsync(new SessionCreateOptions
        {
            Mode = "payment", SuccessUrl = _factory.BaseUrl + "/done", CancelUrl = _factory.BaseUrl + "/cancel",
        }));
        Assert.Equal((HttpStatusCode.BadRequest, "parameter_missing", "line_items"), (noItems.HttpStatusCode, noItems.StripeError.Code, noItems.StripeError.Param));
    }

    [Fact]
    public async Task The_api_wants_its_secret_key_and_returns_customers_only_to_the_portal()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_factory.BaseUrl) };
        foreach (var authorization in new[] { null, "Bearer sk_test_not_the_sandboxes_key" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, StripeSandbox.Path + "/v1/customers") { Content = new FormUrlEncodedContent([new("email", "x@example.test")]) };
            if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("invalid_request_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
        }
        var wrongKey = new StripeClient("sk_test_guess", httpClient: new SystemNetHttpClient(new HttpClient(), maxNetworkRetries: 0), apiBase: _factory.BaseUrl + StripeSandbox.Path);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<StripeException>(() => new CustomerService(wrongKey).ListAsync())).HttpStatusCode);

        foreach (var (success, cancel, param) in new[]
                 {
                     ("javascript:alert(document.cookie)", _factory.BaseUrl + "/cancel", "success_url"),
                     (_factory.BaseUrl + "/done", "https://evil.example/steal", "cancel_url"),
                     (_factory.BaseUrl + "/done", "http://127.0.0.1:1/other-port", "cancel_url"),
                 })
        {
            var refused = await Assert.ThrowsAsync<StripeException>(() => new SessionService(_stripe).CreateAsync(new SessionCreateOptions
            {
                Mode = "payment", SuccessUrl = success, CancelUrl = cancel,
                LineItems = [new SessionLineItemOptions { Quantity = 1, PriceData = new SessionLineItemPriceDataOptions { Currency = "usd", UnitAmount = 1_00, ProductData = new() { Name = "X" } } }],
            }));
            Assert.Equal((HttpStatusCode.BadRequest, param), (refused.HttpStatusCode, refused.StripeError.Param));
        }
    }

    [Fact]
    public async Task The_3d_secure_test_card_authenticates_on_the_hosted_page_and_is_charged()
    {
        var session = await new SessionService(_stripe).CreateAsync(new SessionCreateOptions
        {
            Mode = "payment", SuccessUrl = _factory.BaseUrl + "/done", CancelUrl = _factory.BaseUrl + "/cancel",
            LineItems = [new SessionLineItemOptions { Quantity = 1, PriceData = new SessionLineItemPriceDataOptions { Currency = "usd", UnitAmount = 9_00, ProductData = new() { Name = "3DS" } } }],
        });
        Assert.Equal(SandboxOutcome.Paid, (await Sandbox.PayWithCardAsync(session.Id, "4000 0027 6000 3184")).Outcome);
        var intent = await new PaymentIntentService(_stripe).GetAsync((await new SessionService(_stripe).GetAsync(session.Id)).PaymentIntentId);
        Assert.Equal(("succeeded", 9_00L), (intent.Status, intent.AmountReceived));
        Assert.Equal(9_00, (await new ChargeService(_stripe).GetAsync(intent.LatestChargeId)).Amount);
    }

    [Fact]
    public async Task Off_session_payments_answer_as_stripes_test_payment_methods_document()
    {
        var customer = await new CustomerService(_stripe).CreateAsync(new CustomerCreateOptions { Email = "autopay@example.test" });
        PaymentIntentCreateOptions Charge(string method) => new()
        {
            Amount = 50_00, Currency = "usd", Customer = customer.Id, PaymentMethod = method, Confirm = true, OffSession = true,
        };
        var visa = await new PaymentIntentService(_stripe).CreateAsync(Charge("pm_card_visa"));
        Assert.Equal(("succeeded", 50_00L), (visa.Status, visa.AmountReceived));

        var declined = await Assert.ThrowsAsync<StripeException>(() => new PaymentIntentService(_stripe).CreateAsync(Charge("pm_card_chargeDeclined")));
        Assert.Equal((HttpStatusCode.PaymentRequired, "card_error", "card_declined", "generic_decline"),
            (declined.HttpStatusCode, declined.StripeError.Type, declined.StripeError.Code, declined.StripeError.DeclineCode));
        Assert.Equal("requires_payment_method", declined.StripeError.PaymentIntent.Status);

        var authentication = await Assert.ThrowsAsync<StripeException>(() => new PaymentIntentService(_stripe).CreateAsync(Charge("pm_card_authenticationRequired")));
        Assert.Equal("authentication_required", authentication.StripeError.Code);
        Assert.Contains("confirm this payment", StripeErrors.ForCustomer(authentication));
    }

    [Fact]
    public async Task Lists_page_with_has_more_and_starting_after_and_an_idempotency_key_replays_or_refuses()
    {
        var created = new List<string>();
        for (var i = 0; i < 3; i++) created.Add((await new CustomerService(_stripe).CreateAsync(new CustomerCreateOptions { Name = $"Page {i}" })).Id);
        var first = await new EventService(_stripe).ListAsync(new EventListOptions { Limit = 2, Type = "customer.created" });
        Assert.True(first.HasMore);
        Assert.Equal("/v1/events", first.Url);
        var next = await new EventService(_stripe).ListAsync(new EventListOptions { Limit = 2, Type = "customer.created", StartingAfter = first.Data[^1].Id });
        Assert.DoesNotContain(next.Data, e => first.Data.Any(f => f.Id == e.Id));

        var key = new RequestOptions { IdempotencyKey = "same-" + Guid.NewGuid() };
        var once = await new CustomerService(_stripe).CreateAsync(new CustomerCreateOptions { Name = "Once" }, key);
        var again = await new CustomerService(_stripe).CreateAsync(new CustomerCreateOptions { Name = "Once" }, key);
        Assert.Equal(once.Id, again.Id);
        var other = await Assert.ThrowsAsync<StripeException>(() => new CustomerService(_stripe).CreateAsync(new CustomerCreateOptions { Name = "Other" }, key));
        Assert.Equal("idempotency_error", other.StripeError.Type);
    }

    [Fact]
    public async Task A_payout_lists_the_balance_transactions_it_carries_and_a_refund_beyond_the_charge_is_refused()
    {
        var session = await PaidCheckoutAsync(40_00);
        var tooMuch = await Assert.ThrowsAsync<StripeException>(() => new RefundService(_stripe).CreateAsync(new RefundCreateOptions { PaymentIntent = session.PaymentIntentId, Amount = 40_01 }));
        Assert.Equal(("amount_too_large", "amount"), (tooMuch.StripeError.Code, tooMuch.StripeError.Param));

        var payout = await new PayoutService(_stripe).GetAsync((string)(await Sandbox.PayOutAsync("usd"))["id"]!);
        var carried = new List<BalanceTransaction>();
        await foreach (var t in new BalanceTransactionService(_stripe).ListAutoPagingAsync(new BalanceTransactionListOptions { Payout = payout.Id, Expand = ["data.source"] })) carried.Add(t);
        var charge = Assert.Single(carried, t => t.Type == "charge" && ((Charge)t.Source).PaymentIntentId == session.PaymentIntentId);
        Assert.Equal((40_00L, 1_46L), (charge.Amount, charge.Fee)); // 2.9% + 30¢
        Assert.Equal(payout.Amount, carried.Where(t => t.Type != "payout").Sum(t => t.Net));
    }
}
