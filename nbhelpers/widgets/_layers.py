"""Pictures in layers, with core ipywidgets only (7.7 as on Colab, and 8).

A :func:`stack` is a one-cell ``GridBox``: every child sits in the same cell, later ones
on top. A field travels as a small PNG in an ``Image`` that the browser stretches
(:func:`field`); axes, points and links lie over it as SVG in an ``HTML`` (:func:`vector`),
crisp at any device pixel ratio. No custom front end is needed, so nothing changes on
Colab, JupyterLab or the classic Notebook.
"""
FIELD_CLASS = "nbh-field"  # a stretched field image: smooth on purpose (the browser tests know it)


def stack(children, width, height):
    """A box of ``width`` x ``height`` pixels whose children all sit on top of each other."""
    import ipywidgets as w

    for child in children:
        child.layout.grid_area = "stack"
    return w.GridBox(list(children), layout=w.Layout(
        grid_template_areas='"stack"', grid_template_columns=f"{width}px", grid_template_rows=f"{height}px",
        width=f"{width}px", height=f"{height}px", overflow="hidden", margin="0", padding="0"))


def field(width, height, left=0, top=0):
    """An ``Image`` shown at ``width`` x ``height`` pixels from (``left``, ``top``) of its stack."""
    import ipywidgets as w

    image = w.Image(format="png", layout=w.Layout(width=f"{width}px", height=f"{height}px",
                                                  margin=f"{top}px 0 0 {left}px", object_fit="fill",
                                                  align_self="flex-start"))
    image.add_class(FIELD_CLASS)
    return image


def vector(width, height):
    """An ``HTML`` of ``width`` x ``height`` pixels for an SVG layer."""
    import ipywidgets as w

    return w.HTML(layout=w.Layout(width=f"{width}px", height=f"{height}px", margin="0", padding="0",
                                  align_self="flex-start"))


def resize(box, width, height):
    """Give a :func:`stack` a new size."""
    box.layout.width, box.layout.height = f"{width}px", f"{height}px"
    box.layout.grid_template_columns, box.layout.grid_template_rows = f"{width}px", f"{height}px"
