"""Load the US ZIP codes from the ``zipcodes`` package and give existing US cities a centre.

The centre of a city is the mean point of its street-delivery ZIP codes, the rule of
``listings.geo.city_centre`` (which places made later go through), written here in SQL so
that every city is done in one statement.
"""

from django.db import migrations

LOCATE_US_CITIES = """
WITH centre AS (
    SELECT city.id, avg(zip.latitude) AS latitude, avg(zip.longitude) AS longitude
    FROM listings_place AS city
    JOIN listings_place AS state ON state.id = city.parent_id AND state.kind = 'state'
    JOIN listings_place AS country ON country.id = state.parent_id AND country.code = 'US'
    JOIN listings_zipcode AS zip
        ON zip.state = upper(state.code) AND zip.standard
        AND upper(unaccent(zip.city)) = upper(unaccent(city.name))
    WHERE city.kind = 'city' AND city.latitude IS NULL
    GROUP BY city.id
)
UPDATE listings_place AS place
SET latitude = round(centre.latitude::numeric, 5), longitude = round(centre.longitude::numeric, 5)
FROM centre WHERE place.id = centre.id
"""


def zip_codes_copy(apps):
    """Every active ZIP code the package ships, as ``ZipCode`` rows."""
    import zipcodes

    ZipCode = apps.get_model("listings", "ZipCode")
    ZipCode.objects.bulk_create(
        (
            ZipCode(
                code=row["zip_code"],
                city=row["city"],
                state=row["state"],
                latitude=float(row["lat"]),
                longitude=float(row["long"]),
                standard=row["zip_code_type"] == "STANDARD",
            )
            for row in zipcodes.list_all()
            if row["active"]
        ),
        batch_size=5000,
    )


def load_zip_codes(apps, schema_editor):
    zip_codes_copy(apps)
    schema_editor.execute(LOCATE_US_CITIES)


def unload_zip_codes(apps, schema_editor):
    apps.get_model("listings", "ZipCode").objects.all().delete()
    apps.get_model("listings", "Place").objects.update(latitude=None, longitude=None)


class Migration(migrations.Migration):
    dependencies = [("listings", "0018_place_coordinates")]

    operations = [migrations.RunPython(load_zip_codes, unload_zip_codes)]
