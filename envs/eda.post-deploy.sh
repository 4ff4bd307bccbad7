#!/usr/bin/env bash
# Run by Snakemake inside the new eda env (snakemake --sdm conda): torchlogix 0.1.1 (the WARP
# authors' package) declares torchvision, which does not import beside torch 2.13, so it is
# installed without its dependencies (as `make setup` does). 0.2.x needs Python 3.12.
set -euo pipefail
python -m pip install --no-deps torchlogix==0.1.1
