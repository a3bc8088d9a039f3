"""Validation errors become one entry per field, with the field's full path."""

from recruitment_shared.web.problems import field_errors


def test_nested_validation_messages_are_flattened_per_field():
    messages = {
        "json": {
            "title": ["Missing data for required field."],
            "languages": {"0": {"level": ["Must be one of: A1, A2."]}},
        },
        "query": {"page": ["Must be greater than or equal to 1."]},
    }

    assert field_errors(messages) == [
        {"location": "json", "field": "title", "message": "Missing data for required field."},
        {"location": "json", "field": "languages.0.level", "message": "Must be one of: A1, A2."},
        {"location": "query", "field": "page", "message": "Must be greater than or equal to 1."},
    ]


def test_a_body_level_message_keeps_its_location():
    assert field_errors({"json": ["Invalid JSON body."]}) == [
        {"location": "json", "field": "", "message": "Invalid JSON body."}
    ]
