using System.Xml;

namespace PayPortal.Infrastructure.Adapters.BankFiles;

/// <summary>
/// The only way PayPortal reads a bank file's XML: forward only, no DTD (so no entity can expand or
/// fetch anything), no resolver, and no element nested deeper than <see cref="MaxDepth"/>. The depth is
/// checked on every node as it is read, so a file nested a million levels deep is refused at level 65,
/// before any tree is built. Trees for small parts (one entry) are built by reading through this reader,
/// so the limit applies inside them too.
/// </summary>
public sealed class SafeXmlReader : XmlReader, IXmlLineInfo
{
    /// <summary>The deepest camt element PayPortal knows of sits at about level 12; 64 leaves ample room for any bank's extensions.</summary>
    public const int MaxDepth = 64;

    private readonly XmlReader _inner;

    private SafeXmlReader(XmlReader inner) => _inner = inner;

    public static SafeXmlReader Open(Stream stream) => new(XmlReader.Create(stream, new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    }));

    public override bool Read()
    {
        if (!_inner.Read()) return false;
        if (_inner.Depth > MaxDepth)
            throw new BankFileException([$"line {LineNumber}: <{_inner.LocalName}> is nested more than {MaxDepth} elements deep; no bank file needs that, so the file is refused"]);
        return true;
    }

    public int LineNumber => (_inner as IXmlLineInfo)?.LineNumber ?? 0;
    public int LinePosition => (_inner as IXmlLineInfo)?.LinePosition ?? 0;
    public bool HasLineInfo() => _inner is IXmlLineInfo info && info.HasLineInfo();

    public override int AttributeCount => _inner.AttributeCount;
    public override string BaseURI => _inner.BaseURI;
    public override int Depth => _inner.Depth;
    public override bool EOF => _inner.EOF;
    public override bool HasValue => _inner.HasValue;
    public override bool IsDefault => _inner.IsDefault;
    public override bool IsEmptyElement => _inner.IsEmptyElement;
    public override string LocalName => _inner.LocalName;
    public override string Name => _inner.Name;
    public override string NamespaceURI => _inner.NamespaceURI;
    public override XmlNameTable NameTable => _inner.NameTable;
    public override XmlNodeType NodeType => _inner.NodeType;
    public override string Prefix => _inner.Prefix;
    public override ReadState ReadState => _inner.ReadState;
    public override string Value => _inner.Value;
    public override string XmlLang => _inner.XmlLang;
    public override XmlSpace XmlSpace => _inner.XmlSpace;
    public override string GetAttribute(int i) => _inner.GetAttribute(i);
    public override string? GetAttribute(string name) => _inner.GetAttribute(name);
    public override string? GetAttribute(string name, string? namespaceURI) => _inner.GetAttribute(name, namespaceURI);
    public override string? LookupNamespace(string prefix) => _inner.LookupNamespace(prefix);
    public override void MoveToAttribute(int i) => _inner.MoveToAttribute(i);
    public override bool MoveToAttribute(string name) => _inner.MoveToAttribute(name);
    public override bool MoveToAttribute(string name, string? ns) => _inner.MoveToAttribute(name, ns);
    public override bool MoveToElement() => _inner.MoveToElement();
    public override bool MoveToFirstAttribute() => _inner.MoveToFirstAttribute();
    public override bool MoveToNextAttribute() => _inner.MoveToNextAttribute();
    public override bool ReadAttributeValue() => _inner.ReadAttributeValue();
    public override void ResolveEntity() => _inner.ResolveEntity();
    // Skip, ReadSubtree and the ReadElement* helpers are XmlReader's own, built on Read above, so the depth check holds in them too.

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
