"""Demo data for a try-out: the Guangzhou alliance news post and its context."""

from tools.demo.services import DemoDataError, DemoResult, load_demo

__all__ = ["DemoDataError", "DemoResult", "load_demo"]
