"""Reading and writing reports in other formats (JSON, docx, xlsx); no Qt."""
