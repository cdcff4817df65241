"""The text layers, in the order the chain runs them.

To find which layer removed a line, look at the removal's ``layer`` field:
it is the ``name`` of one class listed here.
"""

from cleaner.layers.base import Layer, PatternLayer
from cleaner.layers.caption import CaptionLayer
from cleaner.layers.context import ContextLayer
from cleaner.layers.duplicate import DuplicateLayer
from cleaner.layers.embed import EmbedLayer
from cleaner.layers.navigation import NavigationLayer
from cleaner.layers.script import ScriptLayer
from cleaner.layers.simple import BannerLayer, BoilerplateLayer, BylineLayer, PromoLayer, RelatedLayer
from cleaner.layers.tail import TailLayer
from cleaner.layers.template import TemplateLayer

# Specific before general: a line takes the category of the first layer that
# claims it, and the tail and duplicate layers see what the others left.
TEXT_LAYERS: tuple[type[Layer], ...] = (
    ScriptLayer,
    TemplateLayer,
    EmbedLayer,
    CaptionLayer,
    BannerLayer,
    PromoLayer,
    RelatedLayer,
    NavigationLayer,
    TailLayer,
    BylineLayer,
    BoilerplateLayer,
    ContextLayer,
    DuplicateLayer,
)

__all__ = ["TEXT_LAYERS", "Layer", "PatternLayer"]
