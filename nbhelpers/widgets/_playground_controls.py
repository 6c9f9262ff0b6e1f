"""The playground's controls: built, laid out, read and written (the widgets, no training).

:class:`PlaygroundControls` is the part of :class:`~nbhelpers.widgets.playground.Playground`
that knows the ipywidgets; the playground adds the data, the network and the pictures.
"""
from ._base import LABEL, slider_keys
from ._playground_settings import _FEATURE_LABELS, ACTIVATIONS, ALPHAS, BATCHES, DATASETS, FEATURES, INITS, \
    OUTPUTS, SPEEDS, n_classes

FRAME = 0.02  # Play ticks every 20 ms (outside a kernel the playground draws at most once per FRAME)


class PlaygroundControls:
    """Builds ``self.controls`` (a dict by setting name), the Play bar and the layout ``self.box``."""
    def _build_controls(self, w, s):

        def lay(width="270px"):
            return w.Layout(width=width)

        c = self.controls = {}
        c["data"] = w.Dropdown(options=DATASETS, value=s["data"], description="data", style=LABEL, layout=lay())
        c["noise"] = w.FloatSlider(value=s["noise"], min=0.0, max=1.0, step=0.05, description="noise",
                                   continuous_update=False, style=LABEL, layout=lay())
        c["test"] = w.FloatSlider(value=s["test"], min=0.1, max=0.9, step=0.05, description="test share",
                                  continuous_update=False, style=LABEL, layout=lay())
        c["dseed"] = w.IntText(value=s["dseed"], description="data seed", style=LABEL, layout=lay("170px"))
        for f in FEATURES:
            c["feat_" + f] = w.ToggleButton(value=f in s["features"], description=_FEATURE_LABELS[f],
                                            layout=w.Layout(width="58px", padding="0"))
        c["layers"] = w.IntSlider(value=len(s["hidden"]), min=0, max=4, description="hidden layers",
                                  style=LABEL, layout=lay())
        for i in range(4):
            c[f"units{i + 1}"] = w.IntSlider(value=s["hidden"][i] if i < len(s["hidden"]) else 4, min=1, max=8,
                                             description=f"units {i + 1}", style=LABEL, layout=lay())
        c["activation"] = w.Dropdown(options=ACTIVATIONS, value=s["activation"], description="activation",
                                     style=LABEL, layout=lay())
        c["output"] = w.Dropdown(options=list(OUTPUTS), value=s["output"], description="output/loss",
                                 style=LABEL, layout=lay())
        c["init"] = w.Dropdown(options=INITS, value=s["init"], description="init", style=LABEL, layout=lay())
        c["lr"] = w.FloatLogSlider(value=s["lr"], base=10, min=-4, max=1, step=0.1, description="learn rate",
                                   readout_format=".3g", continuous_update=False, style=LABEL, layout=lay())
        c["batch"] = w.SelectionSlider(options=[("all" if b == 0 else str(b), b) for b in BATCHES], value=s["batch"],
                                       description="batch size", continuous_update=False, style=LABEL, layout=lay())
        c["alpha"] = w.SelectionSlider(options=[(f"{a:g}", a) for a in ALPHAS], value=s["alpha"],
                                       description="L2 alpha", continuous_update=False, style=LABEL, layout=lay())
        c["momentum"] = w.FloatSlider(value=s["momentum"], min=0.0, max=0.95, step=0.05, description="momentum",
                                      continuous_update=False, style=LABEL, layout=lay())
        c["anneal"] = w.FloatSlider(value=s["anneal"], min=0.9, max=1.0, step=0.005, description="anneal",
                                    readout_format=".3f", continuous_update=False, style=LABEL, layout=lay())
        c["seed"] = w.IntText(value=s["seed"], description="weight seed", style=LABEL, layout=lay("170px"))
        c["speed"] = w.Dropdown(options=[(f"{v} epoch{'s' if v > 1 else ''}/tick", v) for v in SPEEDS],
                                value=s["speed"], layout=lay("130px"))
        c["discretize"] = w.Checkbox(value=s["discretize"], description="discretize output", indent=False,
                                     layout=lay("170px"))
        self.play = w.Play(value=0, min=0, max=10**9, step=1, interval=int(FRAME * 1000), show_repeat=False,
                           description="train", style=LABEL)
        self.show_test = w.Checkbox(value=True, description="show test data", indent=False, layout=lay("140px"))
        self.show_test.observe(lambda _: self._show_points(), names="value")
        self.edit = w.Dropdown(description="weight", style=LABEL, layout=lay("300px"))
        self.edit_value = w.FloatText(description="=", step=0.1, style=LABEL,
                                      layout=lay("120px"))
        self.edit.observe(self._on_pick, names="value")
        self.edit_value.observe(self._on_edit, names="value")
        self.state_text = w.Textarea(description="state=", rows=3, style=LABEL,
                                     layout=w.Layout(width="640px"))
        self.state_copy = w.HTML()
        self.b_step = w.Button(description="Step", tooltip="train one tick", layout=w.Layout(width="60px"))
        self.b_reset = w.Button(description="Reset", tooltip="new weights, epoch 0", layout=w.Layout(width="64px"))
        self.b_regen = w.Button(description="Regenerate", tooltip="new sample of the data",
                                layout=w.Layout(width="96px"))
        self.status = w.HTML()
        self.b_step.on_click(lambda _: self.step())
        self.b_reset.on_click(lambda _: self.reset())
        self.b_regen.on_click(lambda _: self.set(dseed=self.controls["dseed"].value + 1))
        self.play.observe(self._on_tick, names="value")
        for name in ("playing", "_playing"):  # ipywidgets 8 / 7
            if name in self.play.trait_names():
                self.play.observe(self._on_play_toggle, names=name)
                self._playing_trait = name
        for name, control in c.items():
            control.observe(self._on_control, names="value")

    def _assemble_layout(self, w):
        c = self.controls
        head = lambda t: w.HTML(f"<b>{t}</b>", layout=w.Layout(margin="0 0 0 4px"))  # noqa: E731
        feats = w.HBox([c["feat_" + f] for f in FEATURES[:4]]), w.HBox([c["feat_" + f] for f in FEATURES[4:]])
        col_data = w.VBox([head("Data"), c["data"], c["noise"], c["test"], w.HBox([c["dseed"], self.b_regen]),
                           head("Input features"), *feats])
        self._unit_boxes = [c[f"units{i + 1}"] for i in range(4)]
        col_net = w.VBox([head("Network"), c["layers"], *self._unit_boxes, c["activation"], c["output"], c["init"]])
        col_train = w.VBox([head("Training"), c["lr"], c["batch"], c["alpha"], c["momentum"], c["anneal"],
                            w.HBox([c["seed"], c["discretize"]])])
        bar = w.HBox([self.play, self.b_step, self.b_reset, c["speed"], self.status],
                     layout=w.Layout(align_items="center"))
        v = self.view
        editor = w.HBox([self.edit, self.edit_value])
        editor.add_class("nbh-editor")  # not a main control (the browser tests move the data instead)
        network = w.VBox([v.network_box, editor], layout=w.Layout(margin="0 8px 0 0"))
        surface = w.VBox([v.surface_box, self.show_test], layout=w.Layout(margin="0 8px 0 0"))
        pictures = w.HBox([network, surface, v.charts], layout=w.Layout(flex_flow="row wrap"))
        cols = w.HBox([col_data, col_net, col_train], layout=w.Layout(flex_flow="row wrap"))
        state = w.HBox([self.state_text, self.state_copy], layout=w.Layout(align_items="center"))
        self.box = slider_keys(w.VBox([bar, pictures, cols, state]))
        self._show_unit_sliders()
        return self.box

    def _show_unit_sliders(self):
        n = self.controls["layers"].value
        for i, slider in enumerate(self._unit_boxes):
            slider.layout.display = None if i < n else "none"

    def _read_controls(self):
        c = self.controls
        return dict(
            data=c["data"].value, noise=c["noise"].value, test=c["test"].value, dseed=c["dseed"].value,
            features=tuple(f for f in FEATURES if c["feat_" + f].value),
            hidden=tuple(c[f"units{i + 1}"].value for i in range(c["layers"].value)),
            activation=c["activation"].value, output=c["output"].value, init=c["init"].value, lr=c["lr"].value,
            batch=c["batch"].value, alpha=c["alpha"].value, momentum=c["momentum"].value,
            anneal=c["anneal"].value, seed=c["seed"].value, discretize=c["discretize"].value,
            speed=c["speed"].value,
        )

    def _write_controls(self, s):
        c = self.controls
        self._syncing = True
        try:
            for key in ("data", "noise", "test", "dseed", "activation", "output", "init", "lr", "batch", "alpha",
                        "momentum", "anneal", "seed", "discretize", "speed"):
                if c[key].value != s[key]:
                    c[key].value = s[key]
            for f in FEATURES:
                c["feat_" + f].value = f in s["features"]
            c["layers"].value = len(s["hidden"])
            for i, h in enumerate(s["hidden"]):
                c[f"units{i + 1}"].value = h
            feats_2d = n_classes(s["data"]) > 0
            for f in FEATURES:
                c["feat_" + f].disabled = not feats_2d and "2" in f.replace("^2", "")
        finally:
            self._syncing = False
        self._show_unit_sliders()
