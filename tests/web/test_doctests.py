"""The examples in the web modules' docstrings are true."""

import doctest

import pytest

import web.french
import web.links
import web.security


@pytest.mark.parametrize("module", [web.french, web.links, web.security])
def test_docstring_examples(module):
    failures, tried = doctest.testmod(module)
    assert tried and not failures
