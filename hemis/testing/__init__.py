"""Test support shared by every app's tests (factories, personas); never imported by product code."""
