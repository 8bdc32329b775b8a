namespace PayPortal.Web.Tests;

public static class MultipartForms
{
    /// <summary>Posts a multipart form (fields and files) with the antiforgery token read from <paramref name="tokenFrom"/>.</summary>
    public static async Task<HttpResponseMessage> PostMultipart(this HttpClient client, string url, IEnumerable<(string Name, string Value)> fields,
        IEnumerable<(string Name, string FileName, byte[] Content)> files, string tokenFrom)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(await client.AntiforgeryToken(tokenFrom)), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        foreach (var (name, fileName, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream"); // the server judges by the bytes
            form.Add(part, name, fileName);
        }
        return await client.PostAsync(url, form);
    }
}
