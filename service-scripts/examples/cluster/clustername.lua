-- The nodes of the cluster example (skynet's cluster config format: name = "host:port").
db = "127.0.0.1:2528"
game = "127.0.0.1:2529"
