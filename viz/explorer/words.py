"""Every word the explorer's front end (explorer.js) shows, English text as its own key;
`front_end_words` gives their translations in viz's language (`viz.language`)."""

from __future__ import annotations

from ..language import tr

FRONT_END_WORDS = (
    "Click a neuron to open its scalar graph on this input (values and gradients).",
    "← back to the model",
    "Back to the layer picture",
    "◀ prev",
    "Previous step",
    "next ▶",
    "Next step",
    "▶ play",
    "❚❚ pause",
    "Play every step",
    "backward step",
    "gradient flow",
    "health",
    "practice",
    "step {step} of {total}",
    "Click a node (or Tab to it and press Enter) to see how its gradient is made.",
    "role",
    "op",
    "none (a leaf)",
    "data",
    "grad after backward()",
    "grad at step {step}",
    "local derivatives of {op}",
    "= {value} here",
    "{name} is a constant: its gradient is not needed",
    "contributions received (in step order)",
    "from {name}, step {step}",
    "from backward(), step 1",
    "none: nothing uses this node",
    "sum: {sum}",
    "what if? inputs and parameters",
    "reset",
    "Put every input and parameter back to the value the graph was built with",
    "value of {name}",
    "slider for {name}",
    "input",
    "parameter",
    "constant",
    "intermediate",
    "output",
    "fit",
    "zoom in",
    "zoom out",
    "Fit the whole graph",
    "Actual size",
    "|grad|, log scale:",
    "0 (grey)",
    "health",
    "node {name}",
    "Practice: what will {name}.grad be after step {step}?",
    "check",
    "your answer for {name}.grad",
    "Right: {value}",
    "Not quite: the engine gives {value}. Here is the chain rule:",
    "score: {right} of {asked}",
    "Right means within {abs} or {rel}% of the engine's value, whichever is larger.",
    "No question at this step (its inputs are constants): press next.",
    "Type a number first.",
    "Practice is done: every step is revealed.",
    "The picture needs a layout: install Graphviz (the dot program), or load the in-browser "
    "layout.",
)


def front_end_words() -> dict[str, str]:
    """The front end's words in the current language (English text is its own key)."""
    return {text: tr(text) for text in FRONT_END_WORDS if tr(text) != text}
