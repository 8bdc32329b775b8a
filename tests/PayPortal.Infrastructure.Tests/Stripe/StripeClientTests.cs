using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Stripe;

namespace PayPortal.Infrastructure.Tests.Stripe;

/// <summary>What goes over the wire to Stripe, and how its answers come back, through a recording handler.</summary>
public class StripeClientTests
{
    private sealed class RecordingHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, string? Body)> Seen { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Seen.Add((request, request.Content is null ? null : await request.Content.ReadAsStringAsync(ct)));
            return answers[Math.Min(Seen.Count - 1, answers.Length - 1)]();
        }
    }

    private static Func<HttpResponseMessage> Answer(HttpStatusCode status, string json, params (string Name, string Value)[] headers) => () =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) response.Headers.Add(name, value);
        return response;
    };

    private static StripeClient Client(RecordingHandler handler, int retries = 2) =>
        new(new HttpClient(handler), Options.Create(new StripeOptions { SecretKey = "sk_test_123", ApiBase = "https://stripe.test", MaxNetworkRetries = retries }), TimeProvider.System);

    private const string SessionJson = """{"id":"cs_test_1","object":"checkout.session","status":"open","payment_status":"unpaid","mode":"payment","amount_total":2500,"currency":"usd","url":"https://stripe.test/pay/cs_test_1","metadata":{"portal_payment_id":"42"},"livemode":false,"payment_intent":null}""";

    [Fact]
    public void Nested_parameters_are_form_encoded_with_bracketed_keys_in_order()
    {
        var body = StripeFormEncoder.Encode([
            new("mode", "payment"),
            new("payment_method_types", new[] { "card", "us_bank_account" }),
            new("line_items", new[] { new Dictionary<string, object?> { ["quantity"] = 1, ["price_data"] = new Dictionary<string, object?> { ["currency"] = "usd", ["unit_amount"] = 1050L, ["product_data"] = new Dictionary<string, object?> { ["name"] = "Invoice INV-1 & co" } } } }),
            new("metadata", new Dictionary<string, string> { ["portal_payment_id"] = "42" }),
            new("allow_promotion_codes", false),
            new("customer_email", null),
        ]);
        Assert.Equal("mode=payment&payment_method_types[0]=card&payment_method_types[1]=us_bank_account"
            + "&line_items[0][quantity]=1&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=1050"
            + "&line_items[0][price_data][product_data][name]=Invoice%20INV-1%20%26%20co&metadata[portal_payment_id]=42&allow_promotion_codes=false", body);
    }

    [Fact]
    public async Task Creating_a_checkout_session_speaks_stripes_wire_format()
    {
        var handler = new RecordingHandler(Answer(HttpStatusCode.OK, SessionJson));
        var session = await Client(handler).CreateCheckoutSessionAsync([new("mode", "payment"), new("metadata", new Dictionary<string, string> { ["portal_payment_id"] = "42" })], "payment-42");

        var (request, body) = Assert.Single(handler.Seen);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://stripe.test/v1/checkout/sessions", request.RequestUri!.ToString());
        Assert.Equal("Bearer sk_test_123", request.Headers.Authorization!.ToString());
        Assert.Equal("2024-06-20", request.Headers.GetValues("Stripe-Version").Single());
        Assert.Equal("payment-42", request.Headers.GetValues("Idempotency-Key").Single());
        Assert.Equal("application/x-www-form-urlencoded", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("mode=payment&metadata[portal_payment_id]=42", body);
        Assert.Equal(("cs_test_1", "open", "unpaid", 2500L, "42"), (session.Id, session.Status, session.PaymentStatus, session.AmountTotal, session.Metadata!["portal_payment_id"]));
    }

    [Fact]
    public async Task A_server_error_is_retried_with_the_same_idempotency_key()
    {
        var handler = new RecordingHandler(Answer(HttpStatusCode.InternalServerError, """{"error":{"type":"api_error","message":"boom"}}"""), Answer(HttpStatusCode.OK, SessionJson));
        var session = await Client(handler).CreateCheckoutSessionAsync([new("mode", "payment")], "payment-7");
        Assert.Equal("cs_test_1", session.Id);
        Assert.Equal(2, handler.Seen.Count);
        Assert.All(handler.Seen, s => Assert.Equal("payment-7", s.Request.Headers.GetValues("Idempotency-Key").Single()));
    }

    [Fact]
    public async Task A_timeout_is_retried_and_a_base_url_with_a_path_keeps_it()
    {
        var calls = 0;
        var handler = new RecordingHandler(() => ++calls == 1 ? throw new TaskCanceledException("timed out") : Answer(HttpStatusCode.OK, SessionJson)());
        var client = new StripeClient(new HttpClient(handler), Options.Create(new StripeOptions { SecretKey = "sk_test_1", ApiBase = "http://127.0.0.1:5080/stripe-sandbox/" }), TimeProvider.System);
        var session = await client.GetCheckoutSessionAsync("cs_test_1");
        Assert.Equal("cs_test_1", session.Id);
        Assert.Equal(2, handler.Seen.Count);
        Assert.Equal("http://127.0.0.1:5080/stripe-sandbox/v1/checkout/sessions/cs_test_1?expand[]=payment_intent", handler.Seen[1].Request.RequestUri!.OriginalString);
    }

    [Fact]
    public async Task Stripe_should_retry_false_stops_the_retries()
    {
        var handler = new RecordingHandler(Answer(HttpStatusCode.ServiceUnavailable, """{"error":{"type":"api_error","message":"Try later"}}""", ("Stripe-Should-Retry", "false")));
        var error = await Assert.ThrowsAsync<StripeUnavailableException>(() => Client(handler).GetCheckoutSessionAsync("cs_1"));
        Assert.Single(handler.Seen);
        Assert.Equal("Try later", error.Message);
    }

    [Fact]
    public async Task Rate_limits_are_retried_then_reported()
    {
        var handler = new RecordingHandler(Answer(HttpStatusCode.TooManyRequests, """{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests"}}""", ("Request-Id", "req_9")));
        var error = await Assert.ThrowsAsync<StripeUnavailableException>(() => Client(handler, retries: 1).GetPaymentIntentAsync("pi_1"));
        Assert.Equal(2, handler.Seen.Count);
        Assert.Equal("req_9", error.RequestId);
    }

    [Fact]
    public async Task A_declined_card_becomes_a_card_exception_with_its_decline_code()
    {
        var handler = new RecordingHandler(Answer(HttpStatusCode.PaymentRequired,
            """{"error":{"type":"card_error","code":"card_declined","decline_code":"generic_decline","message":"Your card was declined.","param":""}}"""));
        var error = await Assert.ThrowsAsync<StripeCardException>(() => Client(handler).CreateCheckoutSessionAsync([], "k"));
        Assert.Equal(("card_declined", "generic_decline", "Your card was declined."), (error.Code, error.DeclineCode, error.Message));
        Assert.Single(handler.Seen);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"error":{"type":"invalid_request_error","code":"parameter_missing","param":"line_items","message":"Missing required param: line_items."}}""", typeof(StripeInvalidRequestException))]
    [InlineData(HttpStatusCode.NotFound, """{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such checkout.session"}}""", typeof(StripeInvalidRequestException))]
    [InlineData(HttpStatusCode.Unauthorized, """{"error":{"type":"invalid_request_error","message":"Invalid API Key provided"}}""", typeof(StripeAuthenticationException))]
    [InlineData(HttpStatusCode.BadRequest, """{"error":{"type":"idempotency_error","message":"Keys for idempotent requests can only be used with the same parameters"}}""", typeof(StripeIdempotencyException))]
    [InlineData(HttpStatusCode.BadRequest, "<html>not json</html>", typeof(StripeInvalidRequestException))]
    public async Task Errors_map_to_types_the_caller_can_act_on(HttpStatusCode status, string json, Type expected)
    {
        var handler = new RecordingHandler(Answer(status, json));
        var error = await Assert.ThrowsAnyAsync<StripeApiException>(() => Client(handler).CreateCheckoutSessionAsync([], "k"));
        Assert.IsType(expected, error);
        Assert.Single(handler.Seen);
    }

    [Fact]
    public async Task A_post_without_an_idempotency_key_is_refused_before_sending()
    {
        var handler = new RecordingHandler(Answer(HttpStatusCode.OK, SessionJson));
        await Assert.ThrowsAsync<ArgumentException>(() => Client(handler).CreateCheckoutSessionAsync([], " "));
        Assert.Empty(handler.Seen);
    }
}
