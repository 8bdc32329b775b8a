namespace PayPortal.Domain;

/// <summary>
/// A business rule said no ("A void needs a reason.", "Only USD 40.00 is left to credit."): the message is a
/// sentence for the person who asked, and nothing was changed. Only this is shown on screen as a refusal;
/// a programming error (a null argument, a navigation not loaded, an unknown enum value) stays an
/// <see cref="ArgumentNullException"/>, <see cref="InvalidOperationException"/> or the like, and fails loudly.
/// </summary>
public sealed class DomainRefusal(string message) : Exception(message);
