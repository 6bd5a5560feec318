"""Starts a sync when a fabric's Kubernetes settings change."""
import django_rq
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models.Fabric import Fabric

WATCHED_FIELDS = {"kubernetes_server", "kubernetes_token", "kubernetes_namespace"}


@receiver(post_save, sender=Fabric)
def fabric_saved(sender, instance, created, update_fields=None, **kwargs):
    if not instance.sync_enabled:
        return
    if update_fields is not None and not WATCHED_FIELDS & set(update_fields):
        return
    queue = django_rq.get_queue("default")
    queue.enqueue("netbox_fabricsync.tasks.sync_tasks.run_manual_sync", instance.pk)
