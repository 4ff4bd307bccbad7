"""The paper half of ``anomaly_kd``: Pol et al., "Knowledge Distillation for Anomaly Detection"
(ESANN 2023) on one-class MNIST / Fashion-MNIST, in PyTorch.

Modules:

- ``idx``: the IDX file format of MNIST / Fashion-MNIST (reader and writer);
- ``datasets``: the published files and their checksums, the download, the offline stand-in
  built from scikit-learn's 8x8 digits, the one-class splits;
- ``models``: the teacher convolutional autoencoder and the students A-G built from config;
- ``complexity``: parameter and multiply-accumulate counts;
- ``train``: baseline / co-learning / outlier exposure / noise exposure training loops;
- ``evaluate``: anomaly scores and the metrics table;
- ``plots``: the figures; ``published``: the paper's numbers drawn beside ours;
- ``hls``: hls4ml conversion and C simulation of the smallest students; ``bench``: timings.
"""
