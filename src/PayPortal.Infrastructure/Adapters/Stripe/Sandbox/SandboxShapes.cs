using System.Text.Json.Nodes;

namespace PayPortal.Infrastructure.Adapters.Stripe.Sandbox;

/// <summary>
/// Stripe's objects as the API sends them: every top-level key Stripe's own fixtures have, with the same
/// JSON types (null where the sandbox has nothing to say), so Stripe.net reads them as it reads Stripe's.
/// Amounts are integer minor units, currencies lower-case ISO codes, times Unix seconds.
/// </summary>
internal static class SandboxShapes
{
    private static JsonObject Address() => new() { ["city"] = null, ["country"] = null, ["line1"] = null, ["line2"] = null, ["postal_code"] = null, ["state"] = null };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    public static JsonObject Session(string id, string intentId, string currency, long amount, string successUrl, string cancelUrl, string? clientReferenceId,
        JsonObject metadata, IEnumerable<string> methodTypes, string? customer, string? customerEmail, long created, long expiresAt) => new()
    {
        ["id"] = id, ["object"] = "checkout.session",
        ["after_expiration"] = null, ["allow_promotion_codes"] = null,
        ["amount_subtotal"] = amount, ["amount_total"] = amount,
        ["automatic_tax"] = new JsonObject { ["enabled"] = false, ["liability"] = null, ["status"] = null, ["provider"] = null },
        ["billing_address_collection"] = null, ["cancel_url"] = cancelUrl, ["client_reference_id"] = clientReferenceId, ["client_secret"] = null,
        ["consent"] = null, ["consent_collection"] = null, ["created"] = created, ["currency"] = currency, ["custom_fields"] = new JsonArray(),
        ["custom_text"] = new JsonObject { ["after_submit"] = null, ["shipping_address"] = null, ["submit"] = null, ["terms_of_service_acceptance"] = null },
        ["customer"] = customer, ["customer_creation"] = customer is null ? "if_required" : null,
        ["customer_details"] = null, ["customer_email"] = customerEmail, ["expires_at"] = expiresAt, ["invoice"] = null,
        ["invoice_creation"] = new JsonObject { ["enabled"] = false, ["invoice_data"] = null },
        ["livemode"] = false, ["locale"] = null, ["metadata"] = metadata, ["mode"] = "payment", ["payment_intent"] = intentId, ["payment_link"] = null,
        ["payment_method_collection"] = "if_required", ["payment_method_configuration_details"] = null, ["payment_method_options"] = new JsonObject(),
        ["payment_method_types"] = Strings(methodTypes), ["payment_status"] = "unpaid",
        ["phone_number_collection"] = new JsonObject { ["enabled"] = false }, ["recovered_from"] = null, ["saved_payment_method_options"] = null,
        ["setup_intent"] = null, ["shipping_address_collection"] = null, ["shipping_cost"] = null, ["shipping_options"] = new JsonArray(),
        ["status"] = "open", ["submit_type"] = null, ["subscription"] = null, ["success_url"] = successUrl,
        ["total_details"] = new JsonObject { ["amount_discount"] = 0, ["amount_shipping"] = 0, ["amount_tax"] = 0 },
        ["ui_mode"] = "hosted", ["url"] = null, ["adaptive_pricing"] = new JsonObject { ["enabled"] = false }, ["discounts"] = new JsonArray(),
        ["collected_information"] = null, ["permissions"] = null, ["wallet_options"] = null, ["origin_context"] = null, ["currency_conversion"] = null,
        ["customer_account"] = null, ["integration_identifier"] = null, ["managed_payments"] = null,
    };

    public static JsonObject LineItem(string id, string currency, string name, long unitAmount, long quantity) => new()
    {
        ["id"] = id, ["object"] = "item",
        ["amount_discount"] = 0, ["amount_subtotal"] = unitAmount * quantity, ["amount_tax"] = 0, ["amount_total"] = unitAmount * quantity,
        ["currency"] = currency, ["description"] = name,
        ["price"] = new JsonObject
        {
            ["id"] = "price_" + id, ["object"] = "price", ["active"] = false, ["billing_scheme"] = "per_unit", ["created"] = 0, ["currency"] = currency,
            ["custom_unit_amount"] = null, ["livemode"] = false, ["lookup_key"] = null, ["metadata"] = new JsonObject(), ["nickname"] = null,
            ["product"] = "prod_" + id, ["recurring"] = null, ["tax_behavior"] = "unspecified", ["tiers_mode"] = null, ["transform_quantity"] = null,
            ["type"] = "one_time", ["unit_amount"] = unitAmount, ["unit_amount_decimal"] = unitAmount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        ["quantity"] = quantity, ["metadata"] = null, ["adjustable_quantity"] = null,
    };

    public static JsonObject PaymentIntent(string id, long amount, string currency, JsonObject metadata, IEnumerable<string> methodTypes, string? customer, string? paymentMethod,
        string? description, string? setupFutureUsage, long created) => new()
    {
        ["id"] = id, ["object"] = "payment_intent",
        ["amount"] = amount, ["amount_capturable"] = 0, ["amount_details"] = new JsonObject { ["tip"] = new JsonObject() }, ["amount_received"] = 0,
        ["application"] = null, ["application_fee_amount"] = null, ["automatic_payment_methods"] = null, ["canceled_at"] = null, ["cancellation_reason"] = null,
        ["capture_method"] = "automatic", ["client_secret"] = id + "_secret_sandbox", ["confirmation_method"] = "automatic", ["created"] = created,
        ["currency"] = currency, ["customer"] = customer, ["description"] = description, ["last_payment_error"] = null, ["latest_charge"] = null,
        ["livemode"] = false, ["metadata"] = metadata, ["next_action"] = null, ["on_behalf_of"] = null, ["payment_method"] = paymentMethod,
        ["payment_method_configuration_details"] = null, ["payment_method_options"] = new JsonObject(), ["payment_method_types"] = Strings(methodTypes),
        ["processing"] = null, ["receipt_email"] = null, ["review"] = null, ["setup_future_usage"] = setupFutureUsage, ["shipping"] = null,
        ["statement_descriptor"] = null, ["statement_descriptor_suffix"] = null, ["status"] = "requires_payment_method", ["transfer_data"] = null,
        ["transfer_group"] = null, ["source"] = null, ["excluded_payment_method_types"] = null, ["customer_account"] = null, ["managed_payments"] = null,
    };

    public static JsonObject Charge(string id, string intentId, long amount, string currency, JsonObject metadata, string? customer, string? paymentMethod,
        string methodType, string balanceTransaction, string status, long created) => new()
    {
        ["id"] = id, ["object"] = "charge",
        ["amount"] = amount, ["amount_captured"] = status == "succeeded" ? amount : 0, ["amount_refunded"] = 0,
        ["application"] = null, ["application_fee"] = null, ["application_fee_amount"] = null, ["balance_transaction"] = balanceTransaction,
        ["billing_details"] = new JsonObject { ["address"] = Address(), ["email"] = null, ["name"] = null, ["phone"] = null, ["tax_id"] = null },
        ["calculated_statement_descriptor"] = "PAYPORTAL SANDBOX", ["captured"] = status == "succeeded", ["created"] = created, ["currency"] = currency,
        ["customer"] = customer, ["description"] = null, ["disputed"] = false, ["failure_balance_transaction"] = null, ["failure_code"] = null,
        ["failure_message"] = null, ["fraud_details"] = new JsonObject(), ["livemode"] = false, ["metadata"] = metadata, ["on_behalf_of"] = null,
        ["outcome"] = new JsonObject
        {
            ["advice_code"] = null, ["network_advice_code"] = null, ["network_decline_code"] = null, ["network_status"] = "approved_by_network",
            ["reason"] = null, ["seller_message"] = "Payment complete.", ["type"] = "authorized",
        },
        ["paid"] = status == "succeeded", ["payment_intent"] = intentId, ["payment_method"] = paymentMethod,
        ["payment_method_details"] = new JsonObject { ["type"] = methodType, [methodType] = new JsonObject() },
        ["receipt_email"] = null, ["receipt_number"] = null, ["receipt_url"] = null, ["refunded"] = false,
        ["refunds"] = List([], $"/v1/charges/{id}/refunds", hasMore: false),
        ["review"] = null, ["shipping"] = null, ["source_transfer"] = null, ["statement_descriptor"] = null, ["statement_descriptor_suffix"] = null,
        ["status"] = status, ["transfer_data"] = null, ["transfer_group"] = null, ["source"] = null,
    };

    public static JsonObject Refund(string id, string chargeId, string intentId, long amount, string currency, string? reason, JsonObject metadata,
        string balanceTransaction, long created) => new()
    {
        ["id"] = id, ["object"] = "refund",
        ["amount"] = amount, ["balance_transaction"] = balanceTransaction, ["charge"] = chargeId, ["created"] = created, ["currency"] = currency,
        ["destination_details"] = null, ["metadata"] = metadata, ["payment_intent"] = intentId, ["reason"] = reason, ["receipt_number"] = null,
        ["source_transfer_reversal"] = null, ["status"] = "succeeded", ["transfer_reversal"] = null, ["customer"] = null, ["customer_account"] = null,
        ["payment_method"] = null,
    };

    public static JsonObject Dispute(string id, string chargeId, string intentId, long amount, string currency, string reason, string status, long dueBy, long created) => new()
    {
        ["id"] = id, ["object"] = "dispute",
        ["amount"] = amount, ["balance_transactions"] = new JsonArray(), ["charge"] = chargeId, ["created"] = created, ["currency"] = currency,
        ["evidence"] = new JsonObject { ["customer_name"] = null, ["product_description"] = null, ["uncategorized_text"] = null },
        ["evidence_details"] = new JsonObject { ["due_by"] = dueBy, ["has_evidence"] = false, ["past_due"] = false, ["submission_count"] = 0, ["enhanced_eligibility"] = new JsonObject() },
        ["is_charge_refundable"] = false, ["livemode"] = false, ["metadata"] = new JsonObject(), ["payment_intent"] = intentId,
        ["payment_method_details"] = new JsonObject { ["card"] = new JsonObject { ["brand"] = "visa", ["case_type"] = status.StartsWith("warning_", StringComparison.Ordinal) ? "inquiry" : "chargeback", ["network_reason_code"] = null, ["network"] = "visa" }, ["type"] = "card" },
        ["reason"] = reason, ["status"] = status, ["enhanced_eligibility_types"] = new JsonArray(),
    };

    public static JsonObject BalanceTransaction(string id, long amount, long fee, string currency, string type, string reportingCategory, string source, string? description, long created) => new()
    {
        ["id"] = id, ["object"] = "balance_transaction",
        ["amount"] = amount, ["available_on"] = created, ["created"] = created, ["currency"] = currency, ["description"] = description, ["exchange_rate"] = null,
        ["fee"] = fee,
        ["fee_details"] = fee == 0 ? new JsonArray() : new JsonArray(new JsonObject { ["amount"] = fee, ["application"] = null, ["currency"] = currency, ["description"] = "Stripe processing fees", ["type"] = "stripe_fee" }),
        ["net"] = amount - fee, ["reporting_category"] = reportingCategory, ["source"] = source, ["status"] = "available", ["type"] = type, ["balance_type"] = "payments",
    };

    public static JsonObject Payout(string id, long amount, string currency, string balanceTransaction, long arrivalDate, long created) => new()
    {
        ["id"] = id, ["object"] = "payout",
        ["amount"] = amount, ["application_fee"] = null, ["application_fee_amount"] = null, ["arrival_date"] = arrivalDate, ["automatic"] = true,
        ["balance_transaction"] = balanceTransaction, ["created"] = created, ["currency"] = currency, ["description"] = "STRIPE PAYOUT",
        ["destination"] = "ba_test_sbx_bank", ["failure_balance_transaction"] = null, ["failure_code"] = null, ["failure_message"] = null,
        ["livemode"] = false, ["metadata"] = new JsonObject(), ["method"] = "standard", ["original_payout"] = null, ["reconciliation_status"] = "completed",
        ["reversed_by"] = null, ["source_type"] = "card", ["statement_descriptor"] = null, ["status"] = "paid", ["type"] = "bank_account",
        ["trace_id"] = new JsonObject { ["status"] = "supported", ["value"] = "ST-" + id[^8..].ToUpperInvariant() }, ["payout_method"] = null,
    };

    public static JsonObject Customer(string id, string? email, string? name, JsonObject metadata, long created) => new()
    {
        ["id"] = id, ["object"] = "customer",
        ["address"] = null, ["balance"] = 0, ["created"] = created, ["currency"] = null, ["default_source"] = null, ["delinquent"] = false,
        ["description"] = null, ["discount"] = null, ["email"] = email, ["invoice_prefix"] = id[^7..].ToUpperInvariant(),
        ["invoice_settings"] = new JsonObject { ["custom_fields"] = null, ["default_payment_method"] = null, ["footer"] = null, ["rendering_options"] = null },
        ["livemode"] = false, ["metadata"] = metadata, ["name"] = name, ["next_invoice_sequence"] = 1, ["phone"] = null, ["preferred_locales"] = new JsonArray(),
        ["shipping"] = null, ["tax_exempt"] = "none", ["test_clock"] = null,
    };

    public static JsonObject SetupIntent(string id, string? customer, JsonObject metadata, IEnumerable<string> methodTypes, string usage, long created) => new()
    {
        ["id"] = id, ["object"] = "setup_intent",
        ["application"] = null, ["automatic_payment_methods"] = null, ["cancellation_reason"] = null, ["client_secret"] = id + "_secret_sandbox",
        ["created"] = created, ["customer"] = customer, ["description"] = null, ["flow_directions"] = null, ["last_setup_error"] = null,
        ["latest_attempt"] = null, ["livemode"] = false, ["mandate"] = null, ["metadata"] = metadata, ["next_action"] = null, ["on_behalf_of"] = null,
        ["payment_method"] = null, ["payment_method_configuration_details"] = null, ["payment_method_options"] = new JsonObject(),
        ["payment_method_types"] = Strings(methodTypes), ["single_use_mandate"] = null, ["status"] = "requires_payment_method", ["usage"] = usage,
        ["excluded_payment_method_types"] = null,
    };

    public static JsonObject CardPaymentMethod(string id, string brand, string last4, string? customer, long created) => new()
    {
        ["id"] = id, ["object"] = "payment_method",
        ["allow_redisplay"] = "unspecified",
        ["billing_details"] = new JsonObject { ["address"] = Address(), ["email"] = null, ["name"] = null, ["phone"] = null, ["tax_id"] = null },
        ["card"] = new JsonObject
        {
            ["brand"] = brand, ["checks"] = null, ["country"] = "US", ["display_brand"] = brand, ["exp_month"] = 12, ["exp_year"] = 2034,
            ["fingerprint"] = "sbx" + last4, ["funding"] = "credit", ["generated_from"] = null, ["last4"] = last4,
            ["networks"] = new JsonObject { ["available"] = new JsonArray(brand), ["preferred"] = null }, ["three_d_secure_usage"] = new JsonObject { ["supported"] = true },
            ["wallet"] = null, ["regulated_status"] = "unregulated",
        },
        ["created"] = created, ["customer"] = customer, ["livemode"] = false, ["metadata"] = new JsonObject(), ["type"] = "card", ["customer_account"] = null,
    };

    public static JsonObject Event(string id, string type, JsonObject dataObject, JsonObject? previousAttributes, string apiVersion, string? requestId, string? idempotencyKey, long created)
    {
        var data = new JsonObject { ["object"] = dataObject };
        if (previousAttributes is not null) data["previous_attributes"] = previousAttributes;
        return new()
        {
            ["id"] = id, ["object"] = "event", ["api_version"] = apiVersion, ["created"] = created, ["data"] = data, ["livemode"] = false,
            ["pending_webhooks"] = 1, ["request"] = new JsonObject { ["id"] = requestId, ["idempotency_key"] = idempotencyKey }, ["type"] = type,
        };
    }

    public static JsonObject List(IEnumerable<JsonNode> data, string url, bool hasMore) => new()
    {
        ["object"] = "list", ["data"] = new JsonArray(data.ToArray()), ["has_more"] = hasMore, ["url"] = url,
    };

    public static JsonObject Error(string type, string? code, string? param, string message, string? declineCode = null, JsonObject? paymentIntent = null)
    {
        var error = new JsonObject
        {
            ["type"] = type, ["code"] = code, ["param"] = param, ["message"] = message,
            ["doc_url"] = code is null ? null : $"https://docs.stripe.com/error-codes/{code.Replace('_', '-')}",
        };
        if (declineCode is not null) error["decline_code"] = declineCode;
        if (paymentIntent is not null) error["payment_intent"] = paymentIntent;
        return new JsonObject { ["error"] = error };
    }
}
