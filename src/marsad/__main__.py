"""`python -m marsad` is the `marsad` command."""
from marsad.cli import app

app(prog_name="marsad")
