"""contentplan: validate a social-community content plan and compile it into a site."""

__version__ = "0.1.0"
