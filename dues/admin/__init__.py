"""The finance officer's admin: grids as a matrix, invoices with their status,
filters and totals, payments inline, issue and cancel through the services,
and a member city's standing on its page."""

from dues.admin import grids, invoices, members

__all__ = ["grids", "invoices", "members"]
