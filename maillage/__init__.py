"""Maillage: the platform of the centres de ressources politique de la ville."""
