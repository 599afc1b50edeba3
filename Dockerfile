FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY jobboard jobboard
COPY listings listings
COPY companies companies
COPY salaries salaries
RUN pip install --no-cache-dir .
COPY . .
RUN DJANGO_ENV=production SECRET_KEY=build-only ALLOWED_HOSTS=localhost \
    DATABASE_URL=postgresql://unused@localhost/unused python manage.py collectstatic --no-input
EXPOSE 8000
CMD ["gunicorn", "jobboard.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
