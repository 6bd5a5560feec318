"""Stand-ins for NetBox, Django, django-rq and the kubernetes client.

The plugin's unit tests exercise its own logic only; these modules are
replaced before the plugin is imported so the tests need no database.
"""
import sys
import types
from datetime import datetime, timezone as dt_timezone
from unittest import mock


def _module(name, **attrs):
    module = types.ModuleType(name)
    module.__dict__.update(attrs)
    sys.modules[name] = module
    return module


class _Model:
    objects = None

    def __init__(self, **fields):
        for key, value in fields.items():
            setattr(self, key, value)

    def save(self, update_fields=None):
        self.saved_fields = update_fields


def _field(*args, **kwargs):
    return kwargs.get("default")


_module("netbox")
_module("netbox.plugins", PluginConfig=type("PluginConfig", (), {"ready": lambda self: None}))
_module("django")
_module("django.db")
_module(
    "django.db.models",
    Model=_Model,
    CharField=_field,
    URLField=_field,
    TextField=_field,
    BooleanField=_field,
    PositiveIntegerField=_field,
    DateTimeField=_field,
)
_module("django.db.models.signals", post_save=mock.Mock(name="post_save"))
_module("django.dispatch", receiver=lambda *a, **k: (lambda f: f))
_module("django.utils")
_module("django.utils.timezone", now=lambda: datetime(2025, 9, 12, 14, 0, tzinfo=dt_timezone.utc))
sys.modules["django.utils"].timezone = sys.modules["django.utils.timezone"]
sys.modules["django.db"].models = sys.modules["django.db.models"]
_module("django_rq", job=lambda queue: (lambda f: f), get_queue=mock.Mock())


class _ApiException(Exception):
    def __init__(self, status=None, reason=None):
        super().__init__(reason)
        self.status = status
        self.reason = reason


_module("kubernetes")
_module("kubernetes.client", Configuration=mock.Mock, ApiClient=mock.Mock())
_module("kubernetes.client.rest", ApiException=_ApiException)
sys.modules["kubernetes"].client = sys.modules["kubernetes.client"]
sys.modules["kubernetes.client"].rest = sys.modules["kubernetes.client.rest"]
