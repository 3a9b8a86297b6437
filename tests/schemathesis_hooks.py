"""Schemathesis hooks for tests/schemathesis.sh.

Answers by e-mail are posted raw (`message/rfc822`), a media type schemathesis has no
serializer for: the generated string is sent as its UTF-8 bytes, so that the endpoint is
fuzzed like every other one.
"""

import schemathesis


@schemathesis.serializer("message/rfc822")
def raw_message(ctx, value):
    if value is None:
        return None
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8", "surrogatepass")
