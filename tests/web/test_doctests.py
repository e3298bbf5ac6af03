"""The examples in the docstrings of the web modules and of the id rules are true."""

import doctest

import pytest

import index.articles
import web.french
import web.hosts
import web.links
import web.security


@pytest.mark.parametrize("module", [web.french, web.hosts, web.links, web.security, index.articles])
def test_docstring_examples(module):
    failures, tried = doctest.testmod(module)
    assert tried and not failures
