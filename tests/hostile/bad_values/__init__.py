"""Bad values in every input: each is refused with a message naming the field
(a form shows it again, the API answers 400) or stored exactly as sent; never
a 500, never a half-written record.

Forms are found on their pages and posted back as a browser would, with every
field changed at once: a field that must refuse a value has to say so even
when others are wrong too. The values rotate over the fields from one request
to the next: each field meets a share of them, each value many fields.
"""
