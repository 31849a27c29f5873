# The app server of compose.yaml: the pinned requirements, the source, `serve.py` (caches warmed, then Streamlit).
FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
ENV WIJKPERSPECTIEF_DATA_DIR=/data
EXPOSE 8501
CMD ["python", "serve.py", "--server.port", "8501", "--server.address", "0.0.0.0"]
