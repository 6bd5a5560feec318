from .fabric import Fabric, FabricStatus

__all__ = ["Fabric", "FabricStatus"]
