namespace PayPortal.Infrastructure;

public static class DomainMessages
{
    /// <summary>
    /// The sentence a domain rule refused with, for a person to read: without the parameter name and
    /// the "Actual value was" line .NET appends to argument exceptions.
    /// </summary>
    public static string Of(Exception ex)
    {
        var message = ex.Message.Split('\n')[0].TrimEnd('\r');
        return ex is ArgumentException { ParamName: { } name } ? message.Replace($" (Parameter '{name}')", "") : message;
    }
}
