from maillage.participation.models.registration import Registration

__all__ = ["Registration"]
