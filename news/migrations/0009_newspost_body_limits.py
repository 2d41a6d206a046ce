import django.core.validators
from django.db import migrations, models

import news.markdown


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0008_newspost_category_idx"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalnewspost",
            name="body",
            field=models.TextField(
                blank=True,
                help_text="Markdown.",
                max_length=20000,
                validators=[
                    django.core.validators.MaxLengthValidator(20000),
                    news.markdown.validate_markdown_body,
                ],
                verbose_name="body",
            ),
        ),
        migrations.AlterField(
            model_name="newspost",
            name="body",
            field=models.TextField(
                blank=True,
                help_text="Markdown.",
                max_length=20000,
                validators=[
                    django.core.validators.MaxLengthValidator(20000),
                    news.markdown.validate_markdown_body,
                ],
                verbose_name="body",
            ),
        ),
    ]
