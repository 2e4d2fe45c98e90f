"""The interactive doctor. The only package that imports prompt_toolkit.

session.py wires one PromptSession; loop.py reads and dispatches; flow.py is the
conversation (diagnose, separate, walk); commands.py the `:` commands;
completer.py, bindings.py, toolbar.py, style.py and history.py one concern each.
"""
