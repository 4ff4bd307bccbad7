"""Design builders: a study's trained model → :class:`trigml.hardware.design.Design`."""
