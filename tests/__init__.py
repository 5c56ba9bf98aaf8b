"""The tests: one file per module, tests/test_<module>.py for generator/<module>.py and
tests/rules/test_<rule>.py for generator/rules/<rule>.py (tests/test_layout.py holds that);
what they share is in tests/support/, fixtures in tests/conftest.py."""
