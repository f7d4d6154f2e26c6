"""The template filters and tags every page may use."""

from hemis.web.templatetags.hemis_tags import masked


def test_masked_filter_hides_all_but_the_last_two_characters():
    assert masked("30101990000001", False) == "••••••••••••01"
    assert masked("30101990000001", True) == "30101990000001"
    assert masked("", False) == ""
