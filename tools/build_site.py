"""Build a static HTML copy of the executed course into site/ (``make html``).

One page per notebook plus an index page. The pages show the stored outputs:
figures inline, and for each widget the static picture its display bundle carries
(plus the widget state nbclient saved, for viewers that load the widget manager).
Links between notebooks (``02_perceptron.ipynb``) are rewritten to the pages
(``02_perceptron.html``) so the copy can be read without a kernel or a server.
"""
import argparse
import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r'href="(?!https?://)([^"#]+)\.ipynb(#[^"]*)?"')


def title_of(nb_path):
    """The first markdown heading of a notebook, or its file name."""
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return nb_path.stem


def export(nb_path, out_dir):
    """Write ``out_dir/<stem>.html`` for one notebook; return its path."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(nb_path, as_version=4)
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    body = LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)
    target = out_dir / f"{nb_path.stem}.html"
    target.write_text(body, encoding="utf-8")
    return target


def write_index(pages, out_dir):
    items = "\n".join(
        f'<li><a href="{html.escape(page.name)}">{html.escape(title)}</a></li>' for page, title in pages
    )
    out_dir.joinpath("index.html").write_text(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>Neural networks from scratch</title></head>\n<body>\n"
        "<h1>Neural networks from scratch</h1>\n"
        "<p>A static copy of the executed course: read it here, run it in Jupyter or Colab "
        "to move the sliders and do the exercises.</p>\n"
        f"<ol>\n{items}\n</ol>\n</body></html>\n",
        encoding="utf-8",
    )


def build(notebook_dir, out_dir):
    """Export every notebook of ``notebook_dir`` and an index into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = [(export(p, out_dir), title_of(p)) for p in sorted(notebook_dir.glob("*.ipynb"))]
    write_index(pages, out_dir)
    return [p for p, _ in pages]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--out", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    pages = build(args.notebooks, args.out)
    print(f"wrote {len(pages)} pages and index.html to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
