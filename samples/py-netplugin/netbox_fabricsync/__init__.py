"""NetBox plugin that keeps fabric CRDs in Kubernetes and NetBox in step."""
from netbox.plugins import PluginConfig

__version__ = "0.4.2"


class FabricSyncConfig(PluginConfig):
    name = "netbox_fabricsync"
    verbose_name = "Fabric Sync"
    description = "Synchronise switch-fabric CRDs between Kubernetes and NetBox"
    version = __version__
    base_url = "fabric-sync"
    min_version = "4.0.0"
    default_settings = {
        "sync_interval": 300,
        "request_timeout": 30,
    }

    def ready(self):
        super().ready()
        # Importing the module registers its signal receivers.
        from . import signals  # noqa: F401


config = FabricSyncConfig
