"""The officer's link back to a saved response, absolute so it can be copied anywhere."""

from ..services.links import absolute


def resume_link(token: str) -> str:
    return absolute("survey.resume_with_link", token=token)
