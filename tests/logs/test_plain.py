from sigdoctor.logs.plain import PlainParser


def test_bare_sentence_from_an_email(scan_only):
    [record] = scan_only(PlainParser, """
        Hi team,

        when we publish the new version the pipeline stops with:

        Duplicate regions are not allowed in target publishing regions.

        Thanks,
        Bob
    """)
    assert (record.source, record.line, record.message) == (
        "plain", 5, "Duplicate regions are not allowed in target publishing regions.")


def test_code_on_its_own(scan_only):
    [record] = scan_only(PlainParser, """
        Code: GalleryImageNotFound
    """)
    assert (record.code, record.message) == ("GalleryImageNotFound", "")


def test_code_next_to_the_message_and_extra_quotes(scan_only):
    [record] = scan_only(PlainParser, """
        Error message: ""Can not perform requested operation on nested resource. Parent resource 'contosoGallery' not found."" (Code: NotFound)
    """)
    assert record.code == "NotFound"
    assert record.message == "Can not perform requested operation on nested resource. Parent resource 'contosoGallery' not found."


def test_chatter_questions_and_commands_are_not_errors(scan_only):
    assert scan_only(PlainParser, """
        Hi, I get an error when creating the gallery.
        Does anyone know why it failed?
        $ az sig create -g rg -r gal --location westeurope
        Thanks for any help
    """) == []


def test_plain_is_only_a_fallback(scan):
    records = scan("""
        We tried again and it still failed:
        ERROR: (InvalidParameter) Gallery name is invalid.
    """)
    assert [(r.source, r.code) for r in records] == [("az", "InvalidParameter")]
