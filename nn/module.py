"""`Module`: the base of every model, as `torch.nn.Module`.

A module's parameters are found by walking its attributes in the order they
were set: a `Value` attribute is a parameter, a `Module` attribute is a
submodule, and lists, tuples and dicts of either are walked too. The path to
a parameter is its dotted name (``layers.0.neurons.3.w.1``), stable from run to
run, which is what `state_dict` uses as keys.
"""

from __future__ import annotations

import json
import math
import numbers
import os
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from autograd import Value

from . import torch_bridge
from .dense import Dense

FILE_FORMAT = "scalargrad.nn.Module"
FILE_VERSION = 1


class IncompatibleKeys(NamedTuple):
    """What `load_state_dict(..., strict=False)` skipped (as PyTorch)."""

    missing_keys: list[str]
    unexpected_keys: list[str]


def _walk(obj: object, name: str) -> Iterator[tuple[str, Value]]:
    if isinstance(obj, Value):
        yield name, obj
    elif isinstance(obj, Module):
        yield from obj._named_parameters(name + ".")
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from _walk(item, f"{name}.{i}")
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from _walk(item, f"{name}.{key}")


def _key_list(keys: list[str], limit: int = 5) -> str:
    shown = ", ".join(keys[:limit])
    return shown + (f", ... ({len(keys)} in all)" if len(keys) > limit else "")


class Module:
    """Base class: parameters, gradients, state and a nested repr for any model."""

    # ---------------------------------------------------------------- parameters

    def _named_parameters(self, prefix: str) -> Iterator[tuple[str, Value]]:
        for name, attr in vars(self).items():
            if not name.startswith("_"):
                yield from _walk(attr, prefix + name)

    def named_parameters(self) -> list[tuple[str, Value]]:
        """(dotted name, parameter) pairs in a stable order; a shared Value is listed once."""
        seen: set[Value] = set()
        result = []
        for name, p in self._named_parameters(""):
            if p not in seen:
                seen.add(p)
                result.append((name, p))
        return result

    def parameters(self) -> list[Value]:
        """Every parameter (a leaf `Value`), in the order of `named_parameters`."""
        return [p for _, p in self.named_parameters()]

    def num_parameters(self) -> int:
        """How many scalar parameters the model has."""
        return len(self.named_parameters())

    def zero_grad(self) -> None:
        """Set every parameter's ``.grad`` to 0 (gradients accumulate otherwise)."""
        for p in self.parameters():
            p.grad = 0.0

    # --------------------------------------------------------------------- state

    def state_dict(self) -> dict[str, float]:
        """{dotted name: float} for every parameter: plain floats, JSON-serialisable."""
        return {name: p.data for name, p in self.named_parameters()}

    def load_state_dict(self, state: Mapping[str, Any], strict: bool = True) -> IncompatibleKeys:
        """Copy the numbers of ``state`` into the parameters of the same names.

        With ``strict=True`` (default) the keys must match exactly: a missing or an
        unexpected key (a model of another size or shape) is a ValueError that lists
        them, and nothing is loaded. Values must be finite real numbers.
        """
        if not isinstance(state, Mapping):
            raise TypeError(
                f"load_state_dict: expected a mapping of names to numbers, "
                f"got {type(state).__name__}"
            )
        params = dict(self.named_parameters())
        missing = [k for k in params if k not in state]
        unexpected = [str(k) for k in state if k not in params]
        if strict and (missing or unexpected):
            problems = []
            if len(state) != len(params):
                problems.append(
                    f"the state has {len(state)} entries but the model has {len(params)} parameters"
                )
            if missing:
                problems.append(f"missing keys: {_key_list(missing)}")
            if unexpected:
                problems.append(f"unexpected keys: {_key_list(unexpected)}")
            raise ValueError(
                f"load_state_dict: the state does not fit {type(self).__name__} "
                f"({self.num_parameters()} parameters): " + "; ".join(problems)
            )
        updates = []
        for name, p in params.items():
            if name not in state:
                continue
            number = state[name]
            if isinstance(number, bool) or not isinstance(number, numbers.Real):
                raise TypeError(
                    f"load_state_dict: {name!r} must be a real number, "
                    f"got {type(number).__name__}: {number!r}"
                )
            try:
                number = float(number)
            except OverflowError:
                raise ValueError(
                    f"load_state_dict: {name!r} is a number too large for a float (beyond ~1.8e308)"
                ) from None
            if not math.isfinite(number):
                raise ValueError(f"load_state_dict: {name!r} is not finite: {number!r}")
            updates.append((p, number))
        for p, number in updates:  # all checked first: a bad entry loads nothing
            p.data = number
        return IncompatibleKeys(missing, unexpected)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the state dict to a JSON file (floats round-trip exactly)."""
        document = {
            "format": FILE_FORMAT,
            "version": FILE_VERSION,
            "model": repr(self),
            "state_dict": self.state_dict(),
        }
        with open(path, "w", encoding="utf-8") as f:
            json.dump(document, f, indent=1)
            f.write("\n")

    def load(self, path: str | os.PathLike[str], strict: bool = True) -> Module:
        """Load parameters saved by `save` into this model (same architecture); returns it.

        All or nothing: a file that cannot be read as a saved model of this shape
        is one ValueError (or TypeError) naming the file and the problem, and no
        parameter changes.
        """
        with open(path, "rb") as f:
            raw = f.read()
        where = os.fspath(path)
        try:
            document = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise ValueError(
                f"load: {where!r} is not UTF-8 text (byte {error.start}: {error.reason}), "
                "so not a saved model"
            ) from None
        except json.JSONDecodeError as error:
            raise ValueError(f"load: {where!r} is not JSON ({error})") from None
        except RecursionError:
            raise ValueError(
                f"load: {where!r} is nested too deeply for JSON to read (not a saved model)"
            ) from None
        except ValueError as error:  # e.g. an integer of more than 4,300 digits
            raise ValueError(
                f"load: {where!r} holds a number that cannot be read ({error})"
            ) from None
        if not isinstance(document, dict) or document.get("format") != FILE_FORMAT:
            raise ValueError(
                f"load: {os.fspath(path)!r} is not a model saved by Module.save "
                f'(no "format": {FILE_FORMAT!r} entry)'
            )
        try:
            state: Any = document.get("state_dict")  # load_state_dict checks its type
            self.load_state_dict(state, strict=strict)
        except (ValueError, TypeError) as error:
            saved = document.get("model", "?")
            raise type(error)(f"load: {where!r}: {error}\nThe file holds {saved}") from None
        return self

    # ------------------------------------------------------------------- PyTorch

    def dense_layers(self) -> list[Dense] | None:
        """The model as a stack of fully connected layers (`nn.dense.Dense`), first to last;
        None for a module that is not one (the default). `Neuron`, `Layer` and `MLP` say."""
        return None

    def to_torch(self) -> Any:
        """This model as a float64 ``torch.nn.Sequential`` with the same weights: the same as
        `nn.to_torch(model)`, for a model that gives its `dense_layers`; needs PyTorch."""
        return torch_bridge.to_torch(self)

    # ---------------------------------------------------------------------- repr

    def extra_repr(self) -> str:
        """The arguments shown inside ``ClassName(...)``; subclasses fill it in."""
        return ""

    def _repr_children(self) -> list[tuple[str, Any]]:
        """(name, child) for attributes that hold modules or lists of modules."""
        children: list[tuple[str, Any]] = []
        for name, attr in vars(self).items():
            if name.startswith("_"):
                continue
            if isinstance(attr, Module):
                children.append((name, attr))
            elif (
                isinstance(attr, (list, tuple))
                and attr
                and all(isinstance(a, Module) for a in attr)
            ):
                children.append((name, list(attr)))
        return children

    def __repr__(self) -> str:
        head = f"{type(self).__name__}({self.extra_repr()}"
        children = self._repr_children()
        if not children:
            return head + ")"
        lines = [head if head.endswith("(") else head + ","]
        for name, child in children:
            if isinstance(child, list):
                lines.append(f"  ({name}): [")
                for i, item in enumerate(child):
                    lines.append(f"    ({i}): " + _indent(repr(item), "    "))
                lines.append("  ]")
            else:
                lines.append(f"  ({name}): " + _indent(repr(child), "  "))
        return "\n".join(lines) + "\n)"


def _indent(text: str, prefix: str) -> str:
    return text.replace("\n", "\n" + prefix)
