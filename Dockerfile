FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 ESP_VAR_DIR=/var/lib/espportal
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --system --home /app espportal && mkdir -p /var/lib/espportal && chown espportal /var/lib/espportal
RUN DJANGO_ENV=development python manage.py collectstatic --noinput
USER espportal
EXPOSE 8000
CMD ["gunicorn", "espportal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--threads", "4"]
