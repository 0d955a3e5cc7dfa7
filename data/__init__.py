"""Data files of kuzbas_data; this folder is installed as the package kuzbas_data.data."""
