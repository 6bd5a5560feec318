"""The Fabric model: one switch fabric managed through a Kubernetes cluster."""
from datetime import timedelta

from django.db import models
from django.utils import timezone


class FabricStatus:
    PLACEHOLDER = "placeholder"
    IN_SYNC = "in_sync"
    OUT_OF_SYNC = "out_of_sync"
    ERROR = "error"

    CHOICES = (
        (PLACEHOLDER, "Placeholder (not yet discovered)"),
        (IN_SYNC, "In sync"),
        (OUT_OF_SYNC, "Out of sync"),
        (ERROR, "Error"),
    )


class Fabric(models.Model):
    name = models.CharField(max_length=100, unique=True)
    kubernetes_server = models.URLField(blank=True)
    kubernetes_token = models.CharField(max_length=2048, blank=True)
    kubernetes_namespace = models.CharField(max_length=63, default="default")
    verify_ssl = models.BooleanField(default=True)
    sync_enabled = models.BooleanField(default=True)
    sync_interval = models.PositiveIntegerField(default=300)
    sync_status = models.CharField(
        max_length=20, choices=FabricStatus.CHOICES, default=FabricStatus.PLACEHOLDER
    )
    sync_error = models.TextField(blank=True)
    last_sync = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(
        blank=True,
        help_text="Operator notes, e.g. TODO items before the next maintenance window",
    )

    class Meta:
        ordering = ("name",)

    def __str__(self):
        return self.name

    def get_kubernetes_config(self):
        return {
            "host": self.kubernetes_server,
            "token": self.kubernetes_token,
            "namespace": self.kubernetes_namespace,
            "verify_ssl": self.verify_ssl,
        }

    def sync_due(self, now=None):
        if not self.sync_enabled:
            return False
        if self.last_sync is None:
            return True
        now = now or timezone.now()
        return now - self.last_sync >= timedelta(seconds=self.sync_interval)

    def mark_synced(self):
        self.sync_status = FabricStatus.IN_SYNC
        self.sync_error = ""
        self.last_sync = timezone.now()
        self.save(update_fields=["sync_status", "sync_error", "last_sync"])

    def mark_failed(self, error):
        self.sync_status = FabricStatus.ERROR
        self.sync_error = str(error)[:1000]
        self.save(update_fields=["sync_status", "sync_error"])
