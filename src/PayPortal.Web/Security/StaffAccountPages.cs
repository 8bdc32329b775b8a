using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PayPortal.Web.Security;

public static class StaffAccountPages
{
    /// <summary>The Admin area (staff accounts) for Admins only, and back-office sessions that end when their account changes.</summary>
    public static void AddStaffAccountConventions(this RazorPagesOptions o)
    {
        o.Conventions.AuthorizeAreaFolder("BackOffice", "/Admin", Policies.Admin);
        o.Conventions.AddAreaFolderApplicationModelConvention("BackOffice", "/", m => m.Filters.Add(new StaffSessionFilter()));
    }
}
