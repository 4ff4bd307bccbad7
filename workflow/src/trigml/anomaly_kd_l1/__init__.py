"""Knowledge distillation for anomaly detection at the Level-1 trigger (ADC2021 format).

- ``layout``: the ADC2021 HDF5 layout (``Particles`` (N, 19, 4) = pT, η, φ, type), reader and writer;
- ``download``: the Zenodo records of the public dataset, with their published md5 checksums;
- ``simulate``: Pythia8 + FastJet events (SM cocktail, four signals, other SM processes) in that layout;
- ``features``: the fixed input scaling and the train/validation/test splits;
- ``models``: the Keras teacher autoencoder, the QKeras student regressor, the small autoencoder;
- ``training``: teacher, distilled students (co-learning, outlier/noise exposure, tail weighting);
- ``evaluate`` / ``plots``: ROC, AUC, TPR at fixed FPR, sizes; figures;
- ``hls``: hls4ml conversion of the student, C simulation against QKeras, synthesis where Vivado/Vitis exist.
"""
