using Microsoft.AspNetCore.Mvc;
using PayPortal.Infrastructure.Adapters.Exports;

namespace PayPortal.Web.Reports;

/// <summary>A report table as a file download: CSV or .xlsx, named after the report and its date.</summary>
public static class ReportDownload
{
    public static bool IsKnownFormat(string? format) => format is "csv" or "xlsx";

    public static async Task<FileContentResult> FileAsync(ReportTable table, string format, string fileName, CancellationToken ct) => format switch
    {
        "xlsx" => new FileContentResult(XlsxExport.ToBytes(table), XlsxExport.ContentType) { FileDownloadName = fileName + ".xlsx" },
        _ => new FileContentResult(await CsvExport.ToBytesAsync(table, ct), CsvExport.ContentType) { FileDownloadName = fileName + ".csv" },
    };
}
