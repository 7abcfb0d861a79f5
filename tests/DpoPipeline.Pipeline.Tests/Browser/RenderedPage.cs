namespace DpoPipeline.Pipeline.Tests.Browser;

/// <summary>What a page rendered, as <see cref="Script"/> reads it in the browser once every image has decoded (or failed to).</summary>
internal sealed record RenderedPage(string Title, IReadOnlyList<RenderedImage> Images, IReadOnlyList<RenderedLink> Links)
{
    public const string Script = """
        (async () => {
          await Promise.all([...document.images].map(image => image.decode().catch(() => null)));
          const page = location.href.split('#')[0];
          return JSON.stringify({
            title: document.title,
            images: [...document.images].map(image => {
              const box = image.getBoundingClientRect();
              return { alt: image.alt, naturalWidth: image.naturalWidth, naturalHeight: image.naturalHeight, renderedWidth: box.width, renderedHeight: box.height };
            }),
            links: [...document.querySelectorAll('a[href]')].map(a => ({
              href: a.getAttribute('href'),
              url: a.href,
              inPage: a.href.split('#')[0] === page && a.hash.length > 1,
              targetFound: a.hash.length > 1 && document.getElementById(decodeURIComponent(a.hash.slice(1))) !== null,
            })),
          });
        })()
        """;
}

/// <summary>An image: its decoded size (0 when it did not decode) and its size on the page.</summary>
internal sealed record RenderedImage(string Alt, int NaturalWidth, int NaturalHeight, double RenderedWidth, double RenderedHeight);

/// <summary>A link: as written, as resolved, and for a link into the page itself whether its target exists.</summary>
internal sealed record RenderedLink(string Href, Uri Url, bool InPage, bool TargetFound);
