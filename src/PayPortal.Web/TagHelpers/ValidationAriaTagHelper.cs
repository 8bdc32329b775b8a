using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PayPortal.Web.TagHelpers;

/// <summary>
/// Ties a field's error message to the field for screen readers: the message span gets an id
/// ("{field-id}-error") and, when the field is invalid, the input gets aria-invalid and aria-describedby.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
public sealed class ValidationAriaInputTagHelper : TagHelper
{
    // After the built-in tag helpers, which set id and name.
    public override int Order => 1000;

    [HtmlAttributeName("asp-for")] public Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression For { get; set; } = null!;
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        // The full name, prefix included (a partial rendered with for="Invite" sees only "Email").
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var state = ViewContext.ViewData.ModelState[name];
        if (state is null || state.Errors.Count == 0) return;
        var id = output.Attributes["id"]?.Value?.ToString() ?? TagBuilder.CreateSanitizedId(name, "_");
        output.Attributes.SetAttribute("aria-invalid", "true");
        output.Attributes.SetAttribute("aria-describedby", $"{id}-error");
    }
}

[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class ValidationAriaMessageTagHelper : TagHelper
{
    public override int Order => 1000;

    [HtmlAttributeName("asp-validation-for")] public Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression For { get; set; } = null!;
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (!output.Attributes.ContainsName("id")) output.Attributes.SetAttribute("id", $"{TagBuilder.CreateSanitizedId(name, "_")}-error");
    }
}
