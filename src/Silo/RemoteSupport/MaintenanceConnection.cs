using System.IO.Pipelines;
using System.Net;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// One TLS connection to the maintenance port, a client's or a system's dial-back: its decrypted bytes as pipes, where
/// it comes from, and a token that fires when the silo stops or the connection is ended.
/// </summary>
public sealed record MaintenanceConnection(IDuplexPipe Transport, IPEndPoint? RemoteEndPoint, CancellationToken Closed);
