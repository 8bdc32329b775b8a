using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.CashApplication;

namespace PayPortal.Web.Areas.BackOffice.Pages.Bank;

/// <summary>
/// The statement upload's size limit from configuration (<c>Banking:MaxFileBytes</c>), not a constant: the request
/// body and the form's file part may be that large plus room for the other fields, and a request that says it is
/// larger is answered 413 before a byte of it is read. Runs before antiforgery reads the form, as [RequestSizeLimit] does.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class BankUploadLimitAttribute : Attribute, IFilterFactory, IOrderedFilter
{
    /// <summary>The other form fields (antiforgery token, check box) and the multipart boundaries.</summary>
    private const long FormOverhead = 64 * 1024;

    public int Order => 900;
    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider services) => new Limit(services.GetRequiredService<IOptions<BankingOptions>>().Value.MaxFileBytes);

    private sealed class Limit(long maxFileBytes) : IAuthorizationFilter, IOrderedFilter
    {
        public int Order => 900;

        public void OnAuthorization(AuthorizationFilterContext context)
        {
            var http = context.HttpContext;
            var max = maxFileBytes + FormOverhead;
            if (http.Request.ContentLength > max)
            {
                context.Result = new ContentResult
                {
                    StatusCode = StatusCodes.Status413PayloadTooLarge,
                    ContentType = "text/plain; charset=utf-8",
                    Content = $"The file is larger than {maxFileBytes / 1024 / 1024} MB, the most a statement upload may be; nothing was imported.",
                };
                return;
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body) body.MaxRequestBodySize = max;
            if (http.Features.Get<IFormFeature>()?.Form is null)
                http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = max }));
        }
    }
}
