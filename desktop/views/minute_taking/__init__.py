"""The minute-taking view: typing the minutes live during a meeting, without losing a word."""
