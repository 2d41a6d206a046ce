"""A post's body is rendered to safe HTML when it is written, and stored: every
way of writing a post stores the right HTML, and reading never renders."""
