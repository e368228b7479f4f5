"""Tests of the smart report (reports/)."""
